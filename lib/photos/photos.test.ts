// What a photo goes through before it is stored, with real images made by sharp: the type read
// from the content, the size and dimension limits (a bomb refused from its header), EXIF — GPS
// position and camera included — gone from the stored picture and its thumbnail, the picture
// turned upright by its orientation.
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { canvas, EXIF_MARK as MARK, fakeJpeg, phoneJpeg, pngBomb } from "@/test/fixtures/images";
import { PHOTO_LIMITS, processPhoto, processPhotos, sniffImage } from "./index";
import { validationRefusal } from "@/test/fixtures/refusals";

const refusal = validationRefusal;

describe("processPhoto", () => {
  it("re-encodes a JPEG with GPS EXIF into an upright JPEG and thumbnail without any metadata", async () => {
    const input = await phoneJpeg();
    const before = await sharp(input).metadata();
    expect(before.exif?.toString("latin1")).toContain(MARK); // the fixture really carries it
    expect(input.includes(MARK)).toBe(true);

    const out = await processPhoto(input);
    expect(out.contentType).toBe("image/jpeg");
    // Orientation 6 (90° clockwise) applied: the 64 × 48 picture is now 48 × 64.
    expect([out.width, out.height]).toEqual([48, 64]);
    for (const bytes of [out.image, out.thumb]) {
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe("jpeg");
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(bytes.includes(MARK)).toBe(false);
      expect(bytes.includes("GPS")).toBe(false);
      expect(bytes.includes("Exif")).toBe(false);
    }
    expect(out.byteSize).toBe(out.image.length);
  });

  it("accepts PNG and WebP by their content, and makes a small thumbnail of a large photo", async () => {
    const png = await canvas(3000, 1000).png().toBuffer();
    const webp = await canvas(40, 30).webp().toBuffer();
    const big = await processPhoto(png);
    expect(big.sourceFormat).toBe("png");
    expect(Math.max(big.width, big.height)).toBe(PHOTO_LIMITS.storedSide);
    const thumb = await sharp(big.thumb).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(PHOTO_LIMITS.thumbSide);
    expect((await processPhoto(webp)).sourceFormat).toBe("webp");
  });

  it("reads the type from the bytes, never the name: text, a PDF, garbage and an empty file are refused", async () => {
    for (const bytes of [
      Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
      Buffer.from("%PDF-1.7\n..."),
      Buffer.from(crypto.getRandomValues(new Uint8Array(4096))).fill(0, 0, 4),
      Buffer.alloc(0),
      await canvas(10, 10).gif().toBuffer(),
    ]) {
      const err = await refusal(processPhoto(bytes, "Photo 1"));
      expect(err.fieldErrors.photos?.[0]).toMatch(/^Photo 1 is (not a photo we can read|empty)/);
    }
  });

  it("refuses garbage that starts like a JPEG", async () => {
    expect((await refusal(processPhoto(fakeJpeg()))).message).toMatch(/damaged or not a photo/);
  });

  it("refuses a JPEG whose body is cut off or garbage after a valid header", async () => {
    const good = await canvas(400, 300).jpeg().toBuffer();
    const cut = good.subarray(0, 400);
    expect(sniffImage(cut)).toBe("jpeg");
    const err = await refusal(processPhoto(cut));
    expect(err.message).toMatch(/damaged or not a photo/);
  });

  it("refuses HEIC (no HEVC decoder in sharp's prebuilt libvips) with advice", async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic"), Buffer.alloc(64)]);
    expect(sniffImage(heic)).toBe("heic");
    expect((await refusal(processPhoto(heic))).message).toMatch(/HEIC.*JPEG, PNG or WebP/);
  });

  it("refuses a file over the size limit before reading it", async () => {
    const huge = Buffer.alloc(PHOTO_LIMITS.maxBytes + 1, 0);
    huge.set([0xff, 0xd8, 0xff]);
    expect((await refusal(processPhoto(huge))).fieldErrors.photos?.[0]).toMatch(/larger than 10 MB/);
  });

  it("refuses an image bomb from its declared dimensions (a few bytes declaring 20000 × 20000 pixels)", async () => {
    // A valid PNG whose header declares 20000 × 20000 pixels: 1.2 GB once decoded.
    const bomb = await pngBomb(20000);
    expect(bomb.length).toBeLessThan(1024);
    const started = Date.now();
    const err = await refusal(processPhoto(bomb));
    expect(err.message).toMatch(/20000 × 20000 pixels, more than we accept/);
    expect(Date.now() - started).toBeLessThan(5000); // refused from the header, never decoded
  });

  it("refuses more photos than the limit, and one bad photo refuses the lot", async () => {
    const ok = await canvas(20, 20).jpeg().toBuffer();
    expect((await refusal(processPhotos([ok, ok, ok, ok]))).message).toMatch(/at most 3 photos/);
    const err = await refusal(processPhotos([ok, Buffer.from("not an image")], "photos"));
    expect(err.fieldErrors.photos?.[0]).toMatch(/^Photo 2 is not a photo/);
  });
});
