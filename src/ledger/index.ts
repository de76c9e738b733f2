/**
 * The ledger stage: claims from every article merged into canonical claims, with who holds them and with
 * which stance, how many independent sources stand behind them, and the discrepancies between reports.
 */
export { datesCompatible, daysBetween, itemsCompatible, quantitiesCompatible } from "./compat.js";
export { findDiscrepancies } from "./discrepancies.js";
export { buildLedger, type LedgerArticle, type LedgerInput, ledgerArticleOf } from "./ledger.js";
