import type { SeedStep } from '../context';
import { aiCostLedgerStep } from './aiCostLedger';
import { budgetsStep } from './budgets';
import { cloudTrailStep } from './cloudTrail';
import { cloudWatchAlarmsStep } from './cloudWatchAlarms';
import { cloudWatchLogsStep } from './cloudWatchLogs';
import { costExplorerStep } from './costExplorer';
import { dynamoDbStep } from './dynamoDb';
import { ecsStep } from './ecs';
import { ecsResilienceStep } from './ecsResilience';
import { ecsServicesStep } from './ecsServices';
import { elastiCacheStep } from './elastiCache';
import { guardDutyStep } from './guardDuty';
import { lambdaStep } from './lambda';
import { rdsStep } from './rds';
import { s3Step } from './s3';
import { s3LifecycleStep } from './s3Lifecycle';
import { secretsManagerStep } from './secretsManager';
import { securityHubStep } from './securityHub';
import { snsStep } from './sns';
import { sqsStep } from './sqs';
import { vpcStep } from './vpc';

/**
 * The account before hardening, in dependency order: topics before the budget and the
 * alarms that notify them, buckets before the trail that writes to one, clusters before
 * their services (and services before their circuit breakers and scaling), the
 * rate-limiter queue before the Lambda mapping that reads it.
 */
export const POSTURE_STEPS: readonly SeedStep[] = [
  snsStep,
  s3Step,
  s3LifecycleStep,
  cloudTrailStep,
  vpcStep,
  elastiCacheStep,
  rdsStep,
  secretsManagerStep,
  guardDutyStep,
  securityHubStep,
  ecsStep,
  ecsServicesStep,
  ecsResilienceStep,
  cloudWatchLogsStep,
  sqsStep,
  lambdaStep,
  cloudWatchAlarmsStep,
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
