// The webview's link to the extension host: posting messages, and the state VS Code keeps across reloads
// (the panel serializer restores the file, each diagram's zoom and pan, and the scroll position).
import type { PreviewState, WebviewMessage } from '../../common/preview/messages';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: WebviewMessage): void;
  /** Mutable: change it, then call `saveState`. */
  readonly state: PreviewState & { views: NonNullable<PreviewState['views']> };
  /** Saves `state` (and the scroll position) soon; calls in a burst (panning) save once. */
  saveState(): void;
}

export function connectHost(): Host {
  const api = acquireVsCodeApi();
  const saved = api.getState() ?? { uri: '' };
  const state = { ...saved, views: saved.views ?? {} };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveState = () => {
    clearTimeout(timer);
    timer = setTimeout(() => api.setState({ ...state, scrollY: window.scrollY }), 100);
  };
  window.addEventListener('scroll', saveState, { passive: true });
  return { post: (message) => api.postMessage(message), state, saveState };
}
