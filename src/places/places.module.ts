import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlaceRegister } from './place-register.service.js';
import { PlacesController } from './places.controller.js';
import { PLACES_ENTITIES } from './places.entities.js';

/** The place register (小区/楼栋/单元/房号): admin-managed, picked from at intake, grouped by in 第九条. */
@Module({ imports: [TypeOrmModule.forFeature(PLACES_ENTITIES)], controllers: [PlacesController], providers: [PlaceRegister], exports: [PlaceRegister] })
export class PlacesModule {}
