import { describe, expect, it } from 'vitest';
import { canAccessStore, hasRole, type Principal, scopeProblem, visibleStores } from './access.js';

const who = (role: Principal['role'], stores: Principal['stores']): Principal => ({
  userId: 'u',
  username: 'u',
  role,
  stores,
  via: { kind: 'session' },
});

describe('access policy', () => {
  it('scopes store managers and scoped merchandisers to their named stores', () => {
    const cases: [Principal, string, boolean][] = [
      [who('admin', 'all'), 'b', true],
      [who('admin', ['a']), 'b', true], // an admin is never scoped, whatever the row says
      [who('merchandiser', 'all'), 'b', true],
      [who('merchandiser', ['a', 'c']), 'c', true],
      [who('merchandiser', ['a', 'c']), 'b', false],
      [who('store-manager', ['a']), 'a', true],
      [who('store-manager', ['a']), 'b', false],
      [who('store-manager', []), 'a', false],
    ];
    for (const [p, store, expected] of cases)
      expect(canAccessStore(p, store), `${p.role} → ${store}`).toBe(expected);
    expect(visibleStores(who('admin', ['a']))).toBe('all');
    expect(visibleStores(who('store-manager', ['a']))).toEqual(['a']);
  });

  it('checks roles', () => {
    expect(hasRole(who('admin', 'all'), ['admin'])).toBe(true);
    expect(hasRole(who('merchandiser', 'all'), ['admin'])).toBe(false);
    expect(hasRole(who('merchandiser', 'all'), ['admin', 'merchandiser'])).toBe(true);
  });

  it('allows only sensible role/scope pairs on an account', () => {
    expect(scopeProblem('admin', 'all')).toBeUndefined();
    expect(scopeProblem('admin', ['a'])).toBeDefined();
    expect(scopeProblem('merchandiser', 'all')).toBeUndefined();
    expect(scopeProblem('merchandiser', ['a'])).toBeUndefined();
    expect(scopeProblem('merchandiser', [])).toBeDefined();
    expect(scopeProblem('store-manager', ['a'])).toBeUndefined();
    expect(scopeProblem('store-manager', 'all')).toBeDefined();
    expect(scopeProblem('store-manager', [])).toBeDefined();
  });
});
