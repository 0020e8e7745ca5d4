import type { SeedStep } from '../context';
import { aiCostLedgerStep } from './aiCostLedger';
import { budgetsStep } from './budgets';
import { cloudTrailStep } from './cloudTrail';
import { cloudWatchLogsStep } from './cloudWatchLogs';
import { costExplorerStep } from './costExplorer';
import { dynamoDbStep } from './dynamoDb';
import { ecsStep } from './ecs';
import { elastiCacheStep } from './elastiCache';
import { guardDutyStep } from './guardDuty';
import { rdsStep } from './rds';
import { s3Step } from './s3';
import { securityHubStep } from './securityHub';
import { snsStep } from './sns';
import { sqsStep } from './sqs';

/**
 * The account before hardening, in dependency order: topics before the budget that
 * notifies them, buckets before the trail that writes to one.
 */
export const POSTURE_STEPS: readonly SeedStep[] = [
  snsStep,
  s3Step,
  cloudTrailStep,
  elastiCacheStep,
  rdsStep,
  guardDutyStep,
  securityHubStep,
  ecsStep,
  cloudWatchLogsStep,
  sqsStep,
  dynamoDbStep,
  budgetsStep,
];

/**
 * Activity on top of that account, each as its own step module, in this order:
 *  - 90 days of Cost Explorer results (queued on the emulator's Cost Explorer endpoint),
 *  - the AI-cost ledger items in the aiCosts table (aiCostLedgerStep).
 * (Live rate-limiter traffic is not a step: the local stack runs the Lambda handler
 * over queued messages as a process of its own, see ../../stack/demoTraffic.ts.)
 */
export const ACTIVITY_STEPS: readonly SeedStep[] = [
  costExplorerStep,
  aiCostLedgerStep,
];

export const STORY_STEPS: readonly SeedStep[] = [
  ...POSTURE_STEPS,
  ...ACTIVITY_STEPS,
];
