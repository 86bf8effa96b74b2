import type {Notices} from "./notices.js";
import {keptVersions, type StorageLike} from "./storage.js";
import {forgetOpened, type Opened} from "../fork/opened.js";

/**
 * `?safe` in the address starts the lesson as shipped and runs nothing saved, so a change that
 * hides or freezes the page can always be undone. Nothing is saved over the reader's work
 * until they choose (Reset all does, by choice).
 */
export function isSafeStart(location: Location): boolean {
  return new URLSearchParams(location.search).has("safe");
}

/** Tells the reader what a safe start did, with the way back to their saved work. */
export function safeNotice(notices: Notices, location: Location): void {
  notices.show("Safe start: the lesson is as shipped and nothing you saved has run. Your saved changes are kept.", {
    id: "safe",
    actions: [
      {
        label: "Run my saved changes",
        action: "leave-safe",
        run: () => {
          const url = new URL(location.href);
          url.searchParams.delete("safe");
          location.assign(url.href);
        }
      }
    ]
  });
}

/** Says which file's lesson the page shows, with the way back to the page's own lesson. */
export function showOpened(notices: Notices, opened: Opened & {siteKey: string}, storage: () => StorageLike): void {
  notices.show(`This is the lesson from ${opened.name}, which you opened; your changes to it are kept.`, {
    id: "opened",
    actions: [
      {
        label: "Back to this site's lesson",
        action: "close-file",
        run: () => {
          forgetOpened(storage, opened.siteKey);
          location.reload();
        }
      }
    ]
  });
}

/**
 * Offers a version another tab kept apart when it closed with a conflict unanswered: use it
 * (this tab's saved version is kept apart in its place, so neither is lost) or discard it.
 */
export function offerKept(notices: Notices, storage: () => StorageLike, key: string, reload: () => void): void {
  const kept = keptVersions(storage, key);
  if (!kept.length) return;
  const last = kept[kept.length - 1];
  notices.show(`Another tab kept its own version of this lesson when it closed without choosing${kept.length > 1 ? ` (${kept.length} versions are kept)` : ""}.`, {
    id: "kept",
    actions: [
      {
        label: "Use that version",
        action: "use-kept",
        run: () => {
          try {
            const store = storage();
            const theirs = store.getItem(last);
            const mine = store.getItem(key);
            if (theirs === null) return;
            store.removeItem(last);
            if (mine !== null) store.setItem(last, mine);
            store.setItem(key, theirs);
          } catch {
            return;
          }
          reload();
        }
      },
      {
        label: "Discard it",
        action: "discard-kept",
        run: () => {
          try {
            storage().removeItem(last);
          } catch {
            // Nothing to remove.
          }
        }
      }
    ]
  });
}
