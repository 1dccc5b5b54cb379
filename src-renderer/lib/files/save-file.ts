/**
 * Hands text to the user as a downloaded file (the browser's or the desktop app's save flow). The
 * object URL is released on the next turn, once the download has taken it.
 */
export function saveTextFile(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Opens an HTML page in a new browser tab, where the user prints it (Ctrl+P). The tab is opened
 * before the page is fetched, while the click still counts as the user's, so no pop-up blocker
 * stops it; `load` fills it. Returns false when the tab could not be opened at all.
 */
export async function openHtmlInNewTab(load: () => Promise<string>): Promise<boolean> {
  const tab = window.open('', '_blank');
  if (!tab) return false;
  try {
    const html = await load();
    // The object URL stays valid while this page lives: the tab may be reloaded or printed later.
    tab.location.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    return true;
  } catch (err) {
    tab.close();
    throw err;
  }
}
