// Who a shopper is to the loyalty scheme. A pool of members recurs over a multi-day run; each member
// has a card number and, if they use the app with BLE opt-in, a per-member secret from which the app's
// rotating identifier is derived (see rotating-id.ts). Anonymous shoppers have neither.
//
// Per shopper: app user with P = optedInFraction; an app user scans the card with P = appUsersScanCard;
// anyone else presents a card with the probability that makes the overall card share loyaltyCardFraction
// (clamped to [0, 1] when app users alone already exceed it).
import { type Random, streamOf } from './random-streams.js';
import type { Scenario } from './scenario-schema.js';

export interface ShopperIdentity {
  /** Index in the member pool; absent for anonymous shoppers. */
  member?: number;
  /** The member's card number (16 digits). */
  loyaltyId?: string;
  /** Carries the loyalty app with BLE opt-in. */
  appOptedIn: boolean;
  /** Scans the loyalty card at the till, so the basket carries the loyalty id. */
  presentsCard: boolean;
  /** The app's per-member secret, 32 lower-case hex; app users only. */
  appSecret?: string;
}

export interface MemberPool {
  size: number;
  /** Members [0, appMembers) use the app; the rest are card-only. */
  appMembers: number;
  /** P(card | no app), after solving for the overall card share. */
  cardWithoutApp: number;
}

export function memberPool(shoppers: Scenario['shoppers']): MemberPool {
  const pApp = shoppers.optedInFraction;
  const cardWithoutApp =
    pApp >= 1
      ? 0
      : Math.min(
          1,
          Math.max(0, (shoppers.loyaltyCardFraction - pApp * shoppers.appUsersScanCard) / (1 - pApp)),
        );
  const cardOnly = (1 - pApp) * cardWithoutApp;
  const size = shoppers.memberPool;
  const share = pApp + cardOnly > 0 ? pApp / (pApp + cardOnly) : 0;
  const appMembers = Math.min(size, Math.max(pApp > 0 ? 1 : 0, Math.round(size * share)));
  return { size, appMembers, cardWithoutApp };
}

/** The identity of one shopper visit; `random` is that shopper's own stream. */
export function drawIdentity(scenario: Scenario, pool: MemberPool, random: Random): ShopperIdentity {
  const { shoppers } = scenario;
  if (random() < shoppers.optedInFraction && pool.appMembers > 0) {
    const member = Math.floor(random() * pool.appMembers);
    return {
      ...memberDetails(scenario.seed, member, true),
      presentsCard: random() < shoppers.appUsersScanCard,
    };
  }
  const cardOnly = pool.size - pool.appMembers;
  if (random() < pool.cardWithoutApp && cardOnly > 0) {
    const member = pool.appMembers + Math.floor(random() * cardOnly);
    return { ...memberDetails(scenario.seed, member, false), presentsCard: true };
  }
  return { appOptedIn: false, presentsCard: false };
}

function memberDetails(seed: number, member: number, app: boolean): Omit<ShopperIdentity, 'presentsCard'> {
  const random = streamOf(seed, 'member', member);
  // The member index in the number keeps card numbers unique; the tail makes them look like real ones.
  let loyaltyId = `6345${String(member).padStart(7, '0')}`;
  while (loyaltyId.length < 16) loyaltyId += Math.floor(random() * 10);
  let appSecret = '';
  for (let i = 0; i < 32; i++) appSecret += Math.floor(random() * 16).toString(16);
  return { member, loyaltyId, appOptedIn: app, ...(app && { appSecret }) };
}
