import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const PLACE_KINDS = ['community', 'building', 'unit', 'room'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/**
 * One place of the register: a community (小区), a building (楼栋), a unit (单元) or a room (房号), under its parent.
 * A room may stand directly under its building (a building without units). The path and the pinyin initials are
 * kept on the row for the type-ahead, and renewed for the subtree when a name changes.
 */
@Entity('place')
// One name per parent: a community's name is unique among communities, a building's within its community, ….
@Index('place_root_name', ['name'], { unique: true, where: `"parent_id" IS NULL` })
@Index('place_child_name', ['parentId', 'name'], { unique: true, where: `"parent_id" IS NOT NULL` })
@Index('place_community', ['communityId'])
export class Place {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 10 }) kind!: PlaceKind;
  @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  /** The community this place belongs to (itself for a community), and its building: what 第九条 groups by. */
  @Column({ type: 'uuid' }) communityId!: string;
  @Column({ type: 'uuid', nullable: true }) buildingId!: string | null;
  /** Normalised: NFKC, without whitespace (阳光花园, 3栋, 2单元, 501). */
  @Column({ type: 'varchar', length: 60 }) name!: string;
  /** Pinyin initials of the name, lower case (阳光花园 → yghy, 3栋 → 3d). */
  @Column({ type: 'varchar', length: 60 }) initials!: string;
  /** The full path, names separated by a space (阳光花园 3栋 2单元 501). */
  @Column({ type: 'varchar', length: 250 }) path!: string;
  /** The initials of every name of the path, run together (yghy3d2dy501). */
  @Column({ type: 'varchar', length: 250 }) pathInitials!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
