/** Four-eyes approvals of risky remediations (see ../openapi.ts). */
import { APPROVAL_STATUSES } from '@prod-hardening/plugin-prod-hardening-common';

const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
});

const approvalResponse = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ApprovalRequest' },
    },
  },
});

const refusals = {
  '400': errorResponse('Invalid request.'),
  '401': errorResponse('Not signed in.'),
  '403': errorResponse(
    'Not allowed: no permission, a service token, self-approval, or not an approver.',
  ),
  '404': errorResponse('No such plan or request.'),
  '409': errorResponse(
    'The plan expired or was used, or the request was already decided or expired.',
  ),
  '503': errorResponse('The permission service or the database is down.'),
} as const;

export const approvalSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    planId: { type: 'string' },
    checkId: { type: 'string' },
    resourceId: { type: 'string' },
    title: { type: 'string' },
    calls: {
      type: 'array',
      items: { $ref: '#/components/schemas/PlannedCall' },
    },
    fixCost: { $ref: '#/components/schemas/FixCost' },
    overriddenBlockers: { type: 'array', items: { type: 'string' } },
    requirement: { type: 'array', items: { type: 'string' } },
    requester: { type: 'string' },
    reason: { type: 'string' },
    approverGroups: { type: 'array', items: { type: 'string' } },
    status: { type: 'string', enum: [...APPROVAL_STATUSES] },
    createdAt: { type: 'string' },
    expiresAt: { type: 'string' },
    decidedBy: { type: 'string' },
    decidedAt: { type: 'string' },
    decisionComment: { type: 'string' },
    executedBy: { type: 'string' },
    historyId: { type: 'string' },
    canDecide: { type: 'boolean' },
    canExecute: { type: 'boolean' },
  },
  required: [
    'id',
    'planId',
    'checkId',
    'resourceId',
    'title',
    'calls',
    'overriddenBlockers',
    'requirement',
    'requester',
    'reason',
    'approverGroups',
    'status',
    'createdAt',
    'expiresAt',
  ],
  additionalProperties: false,
} as const;

export const approvalRequirementSchema = {
  type: 'object',
  properties: {
    required: { type: 'boolean' },
    reasons: { type: 'array', items: { type: 'string' } },
  },
  required: ['required', 'reasons'],
  additionalProperties: false,
} as const;

export const approvalPaths = {
  '/remediations/approvals': {
    get: {
      operationId: 'listApprovals',
      summary:
        'Approval requests, newest first, with what the caller may do with each.',
      parameters: [
        {
          name: 'status',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: [...APPROVAL_STATUSES] },
        },
        {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 500 },
        },
      ],
      responses: {
        '200': {
          description: 'The requests.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  items: {
                    type: 'array',
                    items: { $ref: '#/components/schemas/ApprovalRequest' },
                  },
                },
                required: ['items'],
                additionalProperties: false,
              },
            },
          },
        },
        '400': refusals['400'],
        '401': refusals['401'],
        '403': refusals['403'],
      },
    },
    post: {
      operationId: 'requestApproval',
      summary:
        'Asks the approver groups to approve a plan the caller previewed (a plan whose preview says approval.required); they are notified.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                planId: { type: 'string', format: 'uuid' },
                reason: {
                  type: 'string',
                  minLength: 10,
                  maxLength: 1000,
                  description: 'Why the change is needed, for the approvers.',
                },
              },
              required: ['planId', 'reason'],
              additionalProperties: false,
            },
          },
        },
      },
      responses: { '201': approvalResponse('The request.'), ...refusals },
    },
  },
  '/remediations/approvals/{id}': {
    get: {
      operationId: 'getApproval',
      summary: 'One approval request.',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string', format: 'uuid' },
        },
      ],
      responses: {
        '200': approvalResponse('The request.'),
        '400': refusals['400'],
        '401': refusals['401'],
        '403': refusals['403'],
        '404': refusals['404'],
      },
    },
  },
  '/remediations/approvals/{id}/decision': {
    post: {
      operationId: 'decideApproval',
      summary:
        'Approves or rejects a pending request: a member of its approver groups, never the requester.',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string', format: 'uuid' },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                decision: { type: 'string', enum: ['approve', 'reject'] },
                comment: { type: 'string', minLength: 1, maxLength: 1000 },
              },
              required: ['decision'],
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        '200': approvalResponse('The decided request.'),
        ...refusals,
      },
    },
  },
} as const;
