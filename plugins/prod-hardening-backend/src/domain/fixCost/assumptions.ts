/**
 * Usage the read role cannot see, stated in every estimate that uses it. They
 * describe a small production account like the seed's (a few ECS services, one
 * region in use); change them here and every estimate and its wording follow.
 */

/**
 * CloudTrail management events recorded in the account's region a month. AWS does not
 * report the count through any read API short of paging through LookupEvents.
 */
export const MANAGEMENT_EVENTS_PER_MONTH = 2_000_000;

/** Management events a month from the regions the account does not use (AWS's own calls, console reads). */
export const OTHER_REGION_EVENTS_PER_MONTH = 100_000;
