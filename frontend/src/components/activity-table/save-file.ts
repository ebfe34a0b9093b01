/** Hands a downloaded file to the browser under its name (object URL + <a download>). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download has started by now; revoking later leaves slow browsers time to read it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
