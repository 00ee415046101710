// The enrolment link as a QR code: a PNG for the CLI's --qr file, a data URL for the API. Fixed
// rendering options, so the PNG's size follows from the QR version: (modules + 2·margin)·scale.
import QRCode from 'qrcode';

export const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4, scale: 8 } as const;

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: 'png' });
}

export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { ...QR_OPTIONS, type: 'image/png' });
}

/** The QR's side in modules, for checking a rendered PNG. */
export function qrModules(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel }).modules.size;
}
