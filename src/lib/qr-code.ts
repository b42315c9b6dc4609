import QRCode from 'qrcode';

/** A QR code of `text` as an SVG data: URL, for an <img> (the CSP allows data: images, not inline SVG styles). */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
