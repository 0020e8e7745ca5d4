export { WeeklyReviewTab } from './WeeklyReviewTab';
