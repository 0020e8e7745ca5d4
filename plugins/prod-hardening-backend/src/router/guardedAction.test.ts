import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Request } from 'express';
import type { AuditedAction, AuditedRefusal } from '../services/guard';
import { guardedAction } from './guardedAction';

/** An auditor keeping the options of every event it opened. */
function keepingAuditor() {
  const opened: AuditorServiceCreateEventOptions[] = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      opened.push(options);
      return { async success() {}, async fail() {} };
    },
  };
  return { opened, auditor };
}

/** What the helper hands a service: the actor, and the event opener it ran with. */
function recordingService() {
  const calls: string[] = [];
  const refusal: AuditedRefusal = {
    async record(openEvent, error) {
      calls.push(`refused: ${error.name}`);
      await openEvent({ eventId: 'change', meta: { refused: true } });
    },
  };
  const action = (actor: string): AuditedAction<string> => ({
    async run(openEvent) {
      calls.push(`ran as ${actor}`);
      await openEvent({ eventId: 'change' });
      return `done by ${actor}`;
    },
  });
  return { calls, refusal, action };
}

function requestAs(authorization: string): Request {
  return { headers: { authorization } } as unknown as Request;
}

describe('guardedAction', () => {
  const ALICE = 'user:default/alice';

  function deps(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
    const audit = keepingAuditor();
    return {
      audit,
      deps: {
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions({ result }),
        auditor: audit.auditor,
      },
    };
  }

  it('runs the change with the actor alone, its audit event bound to the request', async () => {
    const { deps: allowed, audit } = deps(AuthorizeResult.ALLOW);
    const service = recordingService();
    const req = requestAs(mockCredentials.user.header(ALICE));
    const answer = await guardedAction(allowed, req, {
      what: 'run remediations',
      refusal: () => service.refusal,
      action: service.action,
    });
    expect(answer).toBe(`done by ${ALICE}`);
    expect(service.calls).toEqual([`ran as ${ALICE}`]);
    expect(audit.opened).toHaveLength(1);
    expect(audit.opened[0].request).toBe(req);
  });

  it('records a permission refusal bound to the request, then throws it; nothing runs', async () => {
    const { deps: denied, audit } = deps(AuthorizeResult.DENY);
    const service = recordingService();
    const req = requestAs(mockCredentials.user.header(ALICE));
    await expect(
      guardedAction(denied, req, {
        what: 'run remediations',
        refusal: async who => {
          expect(who).toBe(ALICE);
          return service.refusal;
        },
        action: service.action,
      }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(service.calls).toEqual(['refused: NotAllowedError']);
    expect(audit.opened.map(o => o.request)).toEqual([req]);
  });

  it('records a failed preparation as a refusal, then throws it; nothing runs', async () => {
    const { deps: allowed } = deps(AuthorizeResult.ALLOW);
    const service = recordingService();
    const unavailable = new ServiceUnavailableError('No groups.');
    await expect(
      guardedAction(allowed, requestAs(mockCredentials.user.header(ALICE)), {
        what: 'approve remediations',
        refusal: () => service.refusal,
        prepare: async () => {
          throw unavailable;
        },
        action: service.action,
      }),
    ).rejects.toBe(unavailable);
    expect(service.calls).toEqual(['refused: ServiceUnavailableError']);
  });

  it('hands the prepared value to the action', async () => {
    const { deps: allowed } = deps(AuthorizeResult.ALLOW);
    const answer = await guardedAction(
      allowed,
      requestAs(mockCredentials.user.header(ALICE)),
      {
        what: 'approve remediations',
        refusal: () => recordingService().refusal,
        prepare: async actor => ({ userRef: actor, groups: ['group:sec'] }),
        action: (_actor, viewer) => ({
          run: async () => viewer.groups.join(),
        }),
      },
    );
    expect(answer).toBe('group:sec');
  });

  it('refuses a service token as not a person, recorded under its subject', async () => {
    const { deps: allowed } = deps(AuthorizeResult.ALLOW);
    const service = recordingService();
    const who: string[] = [];
    await expect(
      guardedAction(allowed, requestAs(mockCredentials.service.header()), {
        what: 'run remediations',
        refusal: actor => {
          who.push(actor);
          return service.refusal;
        },
        action: service.action,
      }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(who).toEqual([expect.stringMatching(/^service:/)]);
    expect(service.calls).toEqual(['refused: NotAllowedError']);
  });
});
