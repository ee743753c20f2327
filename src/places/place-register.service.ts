import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode, invalidInput, notFound, ruleViolated } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { EventBus } from '../events/event-bus.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { IdempotentWork } from '../idempotency/idempotent-work.js';
import type { Principal } from '../org/principal.js';
import { Place, type PlaceKind } from './place.entity.js';
import { normalisePlaceName, placeInitials, queryWords } from './place-names.js';
import type { PlaceImportLineProblem, PlaceImportSummary, PlaceView } from './place.view.js';
import { parsePlacesCsv, type CsvLineProblem } from './places-csv.js';
import { PlaceRuleCode } from './places.rule-codes.js';

/** What an address takes from the register: the names of its levels and the ids recurring problems group by. */
export interface RegisteredAddress {
  placeId: string;
  community: string;
  building: string | null;
  unit: string | null;
  room: string | null;
  communityId: string;
  buildingId: string | null;
}

/** The kind a place's parent must be. */
const PARENT_KINDS: Record<PlaceKind, PlaceKind[]> = { community: [], building: ['community'], unit: ['building'], room: ['unit', 'building'] };

const view = (p: Place): PlaceView => ({ id: p.id, kind: p.kind, name: p.name, path: p.path, initials: p.initials, parentId: p.parentId, active: p.active });

/** A new place under `parent` (null for a community), with its path, initials and the ids it groups by. */
export function placeRecord(kind: PlaceKind, name: string, parent: Place | null, now: Date): Place {
  const id = randomUUID();
  return {
    id,
    kind,
    parentId: parent?.id ?? null,
    communityId: parent?.communityId ?? id,
    buildingId: kind === 'building' ? id : (parent?.buildingId ?? null),
    name,
    initials: placeInitials(name),
    path: parent ? `${parent.path} ${name}` : name,
    pathInitials: (parent?.pathInitials ?? '') + placeInitials(name),
    active: true,
    createdAt: now,
    updatedAt: now,
  };
}

/** The register of communities, buildings, units and rooms (第九条 groups by its places; intake picks from it). */
@Injectable()
export class PlaceRegister {
  constructor(
    private readonly db: DataSource,
    private readonly uow: IdempotentWork,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /**
   * Type-ahead over the active places: every word of the query is part of the path (spaces aside) or a prefix of
   * the pinyin initials of the place or of its path. Places whose own initials or name start with the query come
   * first, then communities before buildings before units before rooms. With `inactive`, deactivated places are
   * listed too (the admin's register page, which reactivates them), after the active ones.
   */
  async search(q: string | undefined, limit?: number, kinds?: readonly PlaceKind[], inactive = false): Promise<PlaceView[]> {
    const words = queryWords(q ?? '');
    const params: unknown[] = [limit ?? this.policy.places.typeAheadLimit];
    const where = words.map((w) => {
      params.push(w);
      const i = params.length;
      return `(replace(lower(p.path), ' ', '') LIKE '%' || $${i} || '%' OR p.initials LIKE $${i} || '%' OR p.path_initials LIKE $${i} || '%')`;
    });
    // The residents' page offers communities and buildings only: no listing of rooms to anyone without a token.
    if (kinds) {
      params.push([...kinds]);
      where.push(`p.kind = ANY($${params.length}::varchar[])`);
    }
    if (!inactive) where.unshift('p.active');
    params.push(words[0] ?? '');
    const rows: Place[] = await this.db.query(this.searchSql(where.join(' AND '), params.length), params);
    return rows.map((r) => view(r));
  }

  private searchSql(where: string, firstParam: number): string {
    return `SELECT id, kind, name, path, initials, parent_id AS "parentId", active FROM place p
             ${where ? `WHERE ${where}` : ''}
             ORDER BY NOT p.active, CASE WHEN $${firstParam} <> '' AND (p.initials LIKE $${firstParam} || '%' OR lower(p.name) LIKE $${firstParam} || '%') THEN 0 ELSE 1 END,
                      array_position(ARRAY['community','building','unit','room']::varchar[], p.kind), p.path
             LIMIT $1`;
  }

  async create(input: { kind: PlaceKind; name: string; parentId?: string }, actor: Principal, idempotency?: IdempotencyScope): Promise<PlaceView> {
    const name = normalisePlaceName(input.name);
    if (!name) throw invalidInput('name', 'must not be empty');
    return this.uow.run(idempotency, async (em) => {
      const parent = input.parentId ? await em.getRepository(Place).findOne({ where: { id: input.parentId }, lock: { mode: 'pessimistic_write' } }) : null;
      if (input.parentId && !parent) throw notFound('place', input.parentId);
      if (!PARENT_KINDS[input.kind].includes(parent?.kind as PlaceKind) && !(input.kind === 'community' && !parent)) {
        throw ruleViolated(PlaceRuleCode.ParentKind, `a ${input.kind} needs a parent of kind ${PARENT_KINDS[input.kind].join(' or ') || '(none)'}`, {
          field: 'parentId',
        });
      }
      if (parent && !parent.active) throw ruleViolated(PlaceRuleCode.Active, 'the parent place is deactivated', { field: 'parentId' });
      await this.checkUniqueName(em, parent?.id ?? null, name);
      const place = this.newPlace(input.kind, name, parent);
      await em.getRepository(Place).insert(place);
      await this.bus.publish(em, {
        name: 'place.created',
        ticketId: null,
        actorId: actor.id,
        payload: { placeId: place.id, kind: place.kind, path: place.path },
      });
      return view(place);
    });
  }

  /** Rename (the paths under it follow) and/or deactivate or reactivate it with everything under it. */
  async update(id: string, input: { name?: string; active?: boolean }, actor: Principal, idempotency?: IdempotencyScope): Promise<PlaceView> {
    return this.uow.run(idempotency, async (em) => {
      const repo = em.getRepository(Place);
      const place = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!place) throw notFound('place', id);
      const parent = place.parentId ? await repo.findOneBy({ id: place.parentId }) : null;
      const now = this.clock.now();
      if (input.name !== undefined) {
        const name = normalisePlaceName(input.name);
        if (!name) throw invalidInput('name', 'must not be empty');
        if (name !== place.name) {
          await this.checkUniqueName(em, place.parentId, name);
          const from = place.path;
          const path = parent ? `${parent.path} ${name}` : name;
          const pathInitials = (parent?.pathInitials ?? '') + placeInitials(name);
          // The subtree's paths begin with the old path and a space (names hold no spaces), in the same community.
          await em.query(
            `UPDATE place SET path = $3 || substr(path, length($2) + 1), path_initials = $5 || substr(path_initials, length($4) + 1), updated_at = $6
              WHERE community_id = $1 AND left(path, length($2) + 1) = $2 || ' '`,
            [place.communityId, place.path, path, place.pathInitials, pathInitials, now],
          );
          Object.assign(place, { name, initials: placeInitials(name), path, pathInitials, updatedAt: now });
          await repo.save(place);
          await this.bus.publish(em, { name: 'place.renamed', ticketId: null, actorId: actor.id, payload: { placeId: id, kind: place.kind, from, to: path } });
        }
      }
      if (input.active === false && place.active) {
        const result: [unknown[], number] = await em.query(
          `UPDATE place SET active = false, updated_at = $3 WHERE active AND (id = $1 OR (community_id = $2 AND left(path, length($4) + 1) = $4 || ' '))`,
          [id, place.communityId, now, place.path],
        );
        place.active = false;
        await this.bus.publish(em, {
          name: 'place.deactivated',
          ticketId: null,
          actorId: actor.id,
          payload: { placeId: id, kind: place.kind, count: result[1] },
        });
      } else if (input.active === true && !place.active) {
        if (parent && !parent.active) throw ruleViolated(PlaceRuleCode.Active, 'the parent place is deactivated: reactivate it first', { field: 'active' });
        const result: [unknown[], number] = await em.query(
          `UPDATE place SET active = true, updated_at = $3 WHERE NOT active AND (id = $1 OR (community_id = $2 AND left(path, length($4) + 1) = $4 || ' '))`,
          [id, place.communityId, now, place.path],
        );
        place.active = true;
        await this.bus.publish(em, {
          name: 'place.reactivated',
          ticketId: null,
          actorId: actor.id,
          payload: { placeId: id, kind: place.kind, count: result[1] },
        });
      }
      return view(place);
    });
  }

  /**
   * A CSV register file (小区,楼栋,单元,房号), all or nothing: every line is checked first, and any line at fault
   * is a 400 naming each line and column, with nothing added. Lines already registered add nothing, so
   * importing the same file again changes nothing.
   */
  async import(text: string, actor: Principal): Promise<PlaceImportSummary> {
    const { lines, problems } = parsePlacesCsv(text);
    const { importMaxRows } = this.policy.places;
    if (lines.length + problems.length > importMaxRows) throw invalidInput('(body)', `at most ${importMaxRows} lines per import (policy places.importMaxRows)`);
    if (problems.length) throw this.lineErrors(problems);
    if (!lines.length) throw invalidInput('(body)', 'the file holds no place lines (columns 小区,楼栋,单元,房号)');
    return this.uow.run(undefined, async (em) => {
      // One import at a time: two at once would both add the same new places.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('places:import'))`);
      const communityNames = [...new Set(lines.map((l) => l.names[0]))];
      const roots = await em.getRepository(Place).find({ where: { parentId: IsNull(), name: In(communityNames) } });
      const known = roots.length ? await em.getRepository(Place).find({ where: { communityId: In(roots.map((r) => r.id)) } }) : [];
      const byKey = new Map(known.map((p) => [`${p.parentId ?? ''}|${p.name}`, p]));
      const created: Place[] = [];
      const seen = new Set<string>();
      const lineProblems: CsvLineProblem[] = [];
      const kinds: PlaceKind[] = ['community', 'building', 'unit', 'room'];
      for (const { line, names } of lines) {
        let parent: Place | null = null;
        for (let level = 0; level < 4; level++) {
          const name = names[level];
          if (!name) continue;
          const kind = kinds[level];
          const key = `${parent?.id ?? ''}|${name}`;
          let place = byKey.get(key);
          if (place && place.kind !== kind) {
            lineProblems.push({ line, column: COLUMN[level], code: 'kind_conflict', message: `${name} is registered as a ${place.kind} here` });
            break;
          }
          if (place && !place.active) {
            lineProblems.push({ line, column: COLUMN[level], code: 'deactivated', message: `${place.path} is deactivated` });
            break;
          }
          if (!place) {
            place = this.newPlace(kind, name, parent);
            byKey.set(key, place);
            created.push(place);
          }
          seen.add(place.id);
          parent = place;
        }
      }
      if (lineProblems.length) throw this.lineErrors(lineProblems);
      for (let i = 0; i < created.length; i += 500) await em.getRepository(Place).insert(created.slice(i, i + 500));
      const summary = { rows: lines.length, created: created.length, existing: seen.size - created.length };
      await this.bus.publish(em, { name: 'places.imported', ticketId: null, actorId: actor.id, payload: { rows: summary.rows, created: summary.created } });
      return summary;
    });
  }

  /**
   * The registered place an address typed as text names (the residents' page): its community by name, then its
   * building, unit and room under it, as far down as the register holds them, all active. Null unless every level
   * down to the building, when one was typed, is registered: an unregistered building stays free text (第九条
   * then groups it by its own text, not by the community). Names are compared as the register keeps them (NFKC,
   * no spaces), so 阳光花园 3 栋 finds 阳光花园 3栋.
   */
  async placeNamed(
    address: { community?: string; building?: string; unit?: string; room?: string },
    em: EntityManager = this.db.manager,
  ): Promise<string | null> {
    const names = [address.community, address.building, address.unit, address.room].map((n) => (n ? normalisePlaceName(n) : ''));
    if (!names[0]) return null;
    const repo = em.getRepository(Place);
    let place = await repo.findOneBy({ parentId: IsNull(), name: names[0], active: true });
    if (!place) return null;
    for (let level = 1; level < 4; level++) {
      if (!names[level]) continue;
      const below: Place | null = await repo.findOneBy({ parentId: place.id, name: names[level], active: true });
      if (!below) return level === 1 ? null : place.id;
      place = below;
    }
    return place.id;
  }

  /** The register's names for an address, or why it cannot be used: null when unknown, 'inactive' when deactivated. */
  async resolve(placeId: string, em: EntityManager): Promise<RegisteredAddress | null | 'inactive'> {
    const place = await em.getRepository(Place).findOneBy({ id: placeId });
    if (!place) return null;
    if (!place.active) return 'inactive';
    const names: Partial<Record<PlaceKind, string>> = {};
    let at: Place | null = place;
    for (let depth = 0; at && depth < 4; depth++) {
      names[at.kind] = at.name;
      at = at.parentId ? await em.getRepository(Place).findOneBy({ id: at.parentId }) : null;
    }
    return {
      placeId,
      community: names.community!,
      building: names.building ?? null,
      unit: names.unit ?? null,
      room: names.room ?? null,
      communityId: place.communityId,
      buildingId: place.buildingId,
    };
  }

  private newPlace(kind: PlaceKind, name: string, parent: Place | null): Place {
    return placeRecord(kind, name, parent, this.clock.now());
  }

  private async checkUniqueName(em: EntityManager, parentId: string | null, name: string): Promise<void> {
    const taken = await em.getRepository(Place).exists({ where: { parentId: parentId ?? IsNull(), name } });
    if (taken) throw ruleViolated(PlaceRuleCode.UniqueName, `"${name}" is registered already under this parent`, { field: 'name' });
  }

  /** A 400 naming every line at fault (the first 200), as `details.lines` and as fields `line N`. */
  private lineErrors(problems: CsvLineProblem[]): DomainError {
    const shown: PlaceImportLineProblem[] = problems.slice(0, 200);
    return new DomainError(DomainErrorCode.InvalidInput, `${problems.length} line(s) of the file are not valid; nothing was imported`, {
      fields: shown.map((p) => ({ field: `line ${p.line}${p.column ? ` (${p.column})` : ''}`, problems: [p.message] })),
      lines: shown,
      lineCount: problems.length,
    });
  }
}

const COLUMN = ['小区', '楼栋', '单元', '房号'];
