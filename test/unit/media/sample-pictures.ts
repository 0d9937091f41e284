import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** Pictures made here for the photo tests (nothing downloaded): a photo, a bomb, a broken file. */

/** A JPEG of the given size: a colour field with a lighter band, so renditions have something to resize. */
export async function samplePhoto(width: number, height: number): Promise<Buffer> {
  const band = await sharp({ create: { width, height: Math.max(1, Math.round(height / 4)), channels: 3, background: '#e8d6a0' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#2f5d8a' } })
    .composite([{ input: band, top: Math.round(height / 3), left: 0 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/**
 * A decompression bomb: a real, tiny PNG whose header claims `width`×`height` pixels (the
 * header's checksum is recomputed, so only the pixel count is wrong).
 */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
      .png()
      .toBuffer(),
  );
  // Signature (8 bytes), then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4), … , CRC over type and data.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** The first half of a JPEG: its header reads, its pixels do not. */
export async function truncatedPhoto(): Promise<Buffer> {
  const photo = await samplePhoto(800, 600);
  return photo.subarray(0, Math.floor(photo.length / 2));
}
