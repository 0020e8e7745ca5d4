export {
  approvalNotice,
  budgetNotices,
  BUDGET_ACTUAL_PERCENT,
  BUDGET_FORECAST_PERCENT,
  DLQ_NOTICE_KEY,
  EXEMPTION_ENDED_WINDOW_MS,
  exemptionEndedNotices,
  FALLBACK_NOTICE_KEY,
  findingNotices,
  NOTICE_LINKS,
  NOTICE_TOPICS,
  remediationNotice,
  throttlingNotices,
  unsentNotices,
} from './ownerNotices';
export type {
  NoticeSeverity,
  NoticeTopic,
  OwnedMapping,
  OwnerNotice,
  ThrottlingNotices,
} from './ownerNotices';
