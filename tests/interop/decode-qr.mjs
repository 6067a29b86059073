// Decodes a QR code PNG and prints its text: the tests use it to prove a served QR image carries the right otpauth URI.
// Usage: node decode-qr.mjs <file.png>
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';

const png = PNG.sync.read(readFileSync(process.argv[2]));
const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
if (!code) {
  console.error('no QR code found');
  process.exit(1);
}
process.stdout.write(JSON.stringify({ text: code.data, width: png.width, height: png.height }));
