import { expandBlocks } from './blocks';
import { resolveStatic, singleInterpolation, staticValue } from './expressions';
import { addressOf, Block, Body, isBody, TfModule } from './module';

/** One IAM policy statement, normalised from a policy document or inline JSON. */
export interface Statement {
  file: string;
  /** Where it was written: `data.aws_iam_policy_document.kms` or `aws_x.y.policy`. */
  source: string;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Actions; an unresolvable expression stays as its `${...}` text. */
  actions: string[];
  notActions: string[];
  resources: string[];
  /** Principal identifiers (services, ARNs) of resource policies. */
  principals: string[];
  /** The statement belongs to a KMS key policy, where Resource "*" means the key itself. */
  keyPolicy: boolean;
}

const POLICY_ATTRIBUTES = /(^|_)policy$/;

function list(mod: TfModule, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const resolved = resolveStatic(mod, value);
  const v = resolved === undefined ? value : resolved;
  if (Array.isArray(v))
    return v.map(x => (typeof x === 'string' ? x : JSON.stringify(x)));
  return [typeof v === 'string' ? v : JSON.stringify(v)];
}

function keyPolicyDocuments(mod: TfModule): Set<string> {
  const docs = new Set<string>();
  for (const key of mod.blocks.filter(
    b => b.kind === 'resource' && b.type === 'aws_kms_key',
  )) {
    const inner = singleInterpolation(key.body.policy);
    const match =
      inner &&
      /^data\.aws_iam_policy_document\.([A-Za-z0-9_]+)\.json$/.exec(inner);
    if (match) docs.add(`data.aws_iam_policy_document.${match[1]}`);
  }
  return docs;
}

/** Statements of every `aws_iam_policy_document` data source. */
export function documentStatements(
  mod: TfModule,
  doc: Block,
  keyPolicy = false,
): Statement[] {
  return expandBlocks(mod, doc.body, 'statement').map(s => ({
    file: doc.file,
    source: addressOf(doc),
    sid: typeof s.sid === 'string' ? s.sid : undefined,
    effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(mod, s.actions),
    notActions: list(mod, s.not_actions),
    resources: list(mod, s.resources),
    principals: expandBlocks(mod, s, 'principals').flatMap(p =>
      list(mod, p.identifiers),
    ),
    keyPolicy,
  }));
}

function jsonStatements(
  mod: TfModule,
  block: Block,
  attribute: string,
  doc: unknown,
): Statement[] {
  if (!isBody(doc)) return [];
  const raw = doc.Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.filter(isBody).map(s => ({
    file: block.file,
    source: `${addressOf(block)}.${attribute}`,
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(mod, s.Action),
    notActions: list(mod, s.NotAction),
    resources: list(mod, s.Resource ?? s.NotResource),
    principals: isBody(s.Principal)
      ? Object.values(s.Principal).flatMap(v => list(mod, v))
      : list(mod, s.Principal),
    keyPolicy: block.type === 'aws_kms_key',
  }));
}

/** Inline JSON policies: `policy = jsonencode({...})` or a heredoc JSON document. */
async function inlineStatements(
  mod: TfModule,
  block: Block,
): Promise<Statement[]> {
  const found: Statement[] = [];
  const visit = async (body: Body, path: string) => {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' && POLICY_ATTRIBUTES.test(key)) {
        let doc: unknown;
        if (value.includes('jsonencode('))
          doc = await staticValue(block.file, value);
        else if (value.trim().startsWith('{')) {
          try {
            doc = JSON.parse(value);
          } catch {
            doc = undefined;
          }
        }
        found.push(...jsonStatements(mod, block, `${path}${key}`, doc));
      } else if (Array.isArray(value)) {
        for (const item of value)
          if (isBody(item)) await visit(item, `${path}${key}.`);
      }
    }
  };
  await visit(block.body, '');
  return found;
}

/** Every IAM statement the module writes, wherever it is written. */
export async function allStatements(mod: TfModule): Promise<Statement[]> {
  const keyDocs = keyPolicyDocuments(mod);
  const statements: Statement[] = [];
  for (const block of mod.blocks) {
    if (block.kind === 'data' && block.type === 'aws_iam_policy_document') {
      statements.push(
        ...documentStatements(mod, block, keyDocs.has(addressOf(block))),
      );
    } else if (block.kind === 'resource') {
      statements.push(...(await inlineStatements(mod, block)));
    }
  }
  return statements;
}

/**
 * Statements of the inline policies attached to a role (`aws_iam_role_policy` whose
 * `role` points at it, with a policy document or inline JSON).
 */
export async function roleStatements(
  mod: TfModule,
  roleName: string,
): Promise<Statement[]> {
  const statements: Statement[] = [];
  const attached = mod.blocks.filter(
    b =>
      b.kind === 'resource' &&
      b.type === 'aws_iam_role_policy' &&
      new RegExp(`aws_iam_role\\.${roleName}\\.(id|name)`).test(
        String(b.body.role),
      ),
  );
  for (const attachment of attached) {
    const inner = singleInterpolation(attachment.body.policy) ?? '';
    const match =
      /^data\.aws_iam_policy_document\.([A-Za-z0-9_]+)(\[0\])?\.json$/.exec(
        inner,
      );
    if (match) {
      const doc = mod.blocks.find(
        b =>
          b.kind === 'data' &&
          b.type === 'aws_iam_policy_document' &&
          b.name === match[1],
      );
      if (doc) statements.push(...documentStatements(mod, doc));
    } else {
      statements.push(...(await inlineStatements(mod, attachment)));
    }
  }
  return statements;
}

/** Managed-policy attachments of a role (the portal roles must have none). */
export function roleAttachments(mod: TfModule, roleName: string): Block[] {
  return mod.blocks.filter(
    b =>
      b.kind === 'resource' &&
      b.type === 'aws_iam_role_policy_attachment' &&
      new RegExp(`aws_iam_role\\.${roleName}\\.(id|name)`).test(
        String(b.body.role),
      ),
  );
}
