/**
 * Money as people read it in letters and messages: "$1,234.50" ("-$5.00" for a negative
 * amount). X12 writes amounts without the sign or grouping (x12/amounts.ts formatCents).
 */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export const dollars = (cents: number): string => usd.format(cents / 100);
