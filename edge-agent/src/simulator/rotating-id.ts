// TEMPORARY re-export while the BLE work lands; the scheme lives in @retail/contracts (rotating-id.ts).
export {
  type HmacSha256,
  hmacRotatingId,
  ROTATION_SLOT_MS,
  type RotatingIdFor,
  rotatingIdsBetween,
  rotationSlot,
} from '@retail/contracts';
