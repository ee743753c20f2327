import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlaceRegister } from '../places/place-register.service.js';
import type { ResidentPlaceView } from './dto/file-complaint.dto.js';
import { ResidentThrottle } from './resident-throttle.js';

/** How many places the residents' type-ahead offers at most. */
const LIMIT = 10;

/**
 * The place register's type-ahead for the residents' page: communities and buildings only (never units or rooms,
 * which would list homes), rate-limited per address. The page fills 小区 and 楼栋 with the register's names.
 */
@Injectable()
export class ResidentPlaces {
  constructor(
    private readonly db: DataSource,
    private readonly register: PlaceRegister,
    private readonly throttle: ResidentThrottle,
  ) {}

  async search(q: string, address: string): Promise<ResidentPlaceView[]> {
    await this.throttle.typeAhead(address);
    const found = await this.register.search(q, LIMIT, ['community', 'building']);
    const out: ResidentPlaceView[] = [];
    for (const place of found) {
      const names = await this.register.resolve(place.id, this.db.manager);
      if (names && names !== 'inactive') out.push({ kind: place.kind as ResidentPlaceView['kind'], community: names.community, building: names.building });
    }
    return out;
  }
}
