/**
 * The Price List Query API answers only in us-east-1, eu-central-1 and ap-south-1;
 * every endpoint returns the prices of every region. The portal asks the one nearest
 * the account's region, for latency only.
 */
export function priceListRegion(accountRegion: string): string {
  if (/^(eu|me|af|il)-/.test(accountRegion)) return 'eu-central-1';
  if (/^ap-/.test(accountRegion)) return 'ap-south-1';
  return 'us-east-1';
}
