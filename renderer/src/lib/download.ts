/** Saves text as a file through the browser's download (the host is not asked: the text is here). */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  // Attached while clicked: some browsers ignore a click on a detached link.
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked a moment later: the download reads the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
