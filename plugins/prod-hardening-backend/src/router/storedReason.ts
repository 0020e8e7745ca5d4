/**
 * Why the user makes a change, as stored with the attempt in the history: the
 * contract bounds it and refuses a blank one; surrounding blanks are not kept.
 */
export const storedReason = (reason: string | undefined) => reason?.trim();
