import { Module } from '@nestjs/common';
import { ScriptsController } from './scripts.controller.js';

/** The intake desk's scripts: standard phrases and routing, read from the policy. */
@Module({ controllers: [ScriptsController] })
export class ScriptsModule {}
