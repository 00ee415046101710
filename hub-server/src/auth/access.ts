// Who may see what: the roles and the store-scope rule, as plain functions over a principal.
//
// - admin (IT): every store, and the user/token administration.
// - merchandiser (head-office category work): every store by default (`stores: 'all'`), or a named
//   list for a regional merchandiser. Never user administration.
// - store-manager: only the stores named on the account (at least one).
// Scope is explicit — `'all'` or a list — so an empty list can never silently mean "everything".

export const ROLES = ['admin', 'merchandiser', 'store-manager'] as const;
export type Role = (typeof ROLES)[number];

export type StoreScope = 'all' | readonly string[];

export interface Principal {
  userId: string;
  username: string;
  role: Role;
  stores: StoreScope;
  /** How the request proved who it is; a token is named by its id. */
  via: { kind: 'session' } | { kind: 'token'; tokenId: string };
}

export function canAccessStore(principal: Principal, storeId: string): boolean {
  if (principal.role === 'admin') return true;
  return principal.stores === 'all' || principal.stores.includes(storeId);
}

export function hasRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.includes(principal.role);
}

/** The stores a listing may show the principal: `'all'`, or the ids to filter by. */
export function visibleStores(principal: Principal): StoreScope {
  return principal.role === 'admin' ? 'all' : principal.stores;
}

/** Why a role/scope pair is not allowed on an account, or undefined when it is. */
export function scopeProblem(role: Role, stores: StoreScope): string | undefined {
  if (role === 'admin' && stores !== 'all') return 'an admin covers all stores; use "all"';
  if (role === 'store-manager' && (stores === 'all' || stores.length === 0))
    return 'a store manager needs at least one named store';
  if (stores !== 'all' && stores.length === 0) return 'name at least one store, or use "all"';
  return undefined;
}
