/** The money parsing lives in the shared layer: the edit form validates with the same rules. */
export { formatFen, parseCartLink, parseCount, parseMoneyToFen } from '@shared/api/domains/shelf-money';
