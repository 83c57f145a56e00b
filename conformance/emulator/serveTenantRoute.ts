import {
  faultCodeProblem,
  type AdvanceResult,
  type CheckpointCreated,
  type TenantRoute,
} from '../control/controlPlane.ts';
import type { RawResponse } from '../wire/RawExchange.ts';
import { CONTROL_VALIDATORS as V, invalid, json, refuse } from './controlAnswers.ts';
import type { Checkpoints } from './createCheckpoints.ts';
import type { Tenant } from './createTenants.ts';
import { isoTime } from './describeViews.ts';
import { infoOf } from './infoOf.ts';
import { snapshotOf } from './snapshotOf.ts';

/** One control call on one tenant's world (the routes of scope `tenant` in control/controlPlane.ts). */
export function serveTenantRoute(
  route: TenantRoute,
  tenant: Tenant,
  request: { body: unknown; query: URLSearchParams },
  checkpoints: Checkpoints,
): RawResponse {
  const { world } = tenant;
  const { scheduler, faults, config } = world;
  const { body } = request;
  switch (route) {
    case 'info':
      return json(200, infoOf(tenant));
    case 'snapshot':
      return json(200, snapshotOf(world, request.query.get('JobId')));
    case 'advance': {
      if (!V.advance(body)) return invalid(V.advance);
      if (scheduler.kind !== 'virtual')
        return refuse(
          409,
          'The clock is real; start the emulator with --clock virtual, or create a tenant with "clock": "virtual".',
        );
      const processed =
        'seconds' in body ? scheduler.advanceBy(Math.round(body.seconds * 1000)) : scheduler.advanceToNextEvent();
      const result: AdvanceResult = {
        now: isoTime(scheduler.now()),
        nowMs: scheduler.now(),
        processed,
        pending: scheduler.pendingEvents(),
      };
      return json(200, result);
    }
    case 'reset': {
      if (!V.reset(body)) return invalid(V.reset);
      const docRevision = body.docRevision ?? body.profile;
      world.reset({
        ...(docRevision === undefined ? {} : { docRevision }),
        ...(body.rateLimits === undefined ? {} : { rateLimits: body.rateLimits }),
        ...(body.seed === undefined ? {} : { seed: body.seed }),
        ...(body.eventualConsistency === undefined ? {} : { eventualConsistency: body.eventualConsistency }),
      });
      return json(200, infoOf(tenant));
    }
    case 'listEnvs':
      return json(200, { namedEnvs: [...config.namedEnvs] });
    case 'declareEnv':
      if (!V.declareEnv(body)) return invalid(V.declareEnv);
      config.namedEnvs.add(body.EnvId);
      return json(200, { namedEnvs: [...config.namedEnvs] });
    case 'listFaults':
      return json(200, { faults: faults.list() });
    case 'addFault': {
      if (!V.addFault(body)) return invalid(V.addFault);
      const problem = faultCodeProblem(body);
      return problem === undefined ? json(200, faults.add(body)) : refuse(400, problem);
    }
    case 'clearFaults':
      faults.clear();
      return json(200, { faults: [] });
    case 'checkpoint': {
      const saved = checkpoints.add(tenant.id, world.checkpoint());
      const created: CheckpointCreated = {
        checkpoint: saved.id,
        tenant: tenant.id,
        docRevision: saved.world.docRevision,
        nowMs: saved.world.nowMs,
        jobs: saved.world.jobs,
      };
      return json(200, created);
    }
    case 'restore': {
      if (!V.restore(body)) return invalid(V.restore);
      const saved = checkpoints.get(body.checkpoint);
      if (saved === undefined) return refuse(404, `No checkpoint ${body.checkpoint}.`);
      const restored = world.restore(saved.world);
      if (!restored.ok) {
        return refuse(400, `Checkpoint ${saved.id} cannot be restored into tenant ${tenant.id}: ${restored.reason}.`);
      }
      return json(200, infoOf(tenant));
    }
  }
}
