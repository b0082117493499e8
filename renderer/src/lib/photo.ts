// A photo is scaled down in the renderer before it is sent: at most 256 px on its longest side,
// as JPEG, so the database stores a few kilobytes rather than a camera's megabytes.
export const PHOTO_MAX_SIDE = 256;

export function scaledSize(width: number, height: number, max = PHOTO_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function downscalePhoto(file: Blob, max = PHOTO_MAX_SIDE): Promise<string> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const { width, height } = scaledSize(img.naturalWidth, img.naturalHeight, max);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('This window cannot draw images');
    g.imageSmoothingQuality = 'high';
    g.drawImage(img, 0, 0, width, height);
    return canvas.toDataURL('image/jpeg', 0.85);
  } catch (err) {
    throw new Error(err instanceof Error && err.message.includes('draw') ? err.message : 'That file is not an image Kith can read');
  } finally {
    URL.revokeObjectURL(url);
  }
}
