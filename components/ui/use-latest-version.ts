"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";

/** Fields the user changed, by name, with what they typed (every value of a repeated field). */
type Draft = ReadonlyMap<string, readonly string[]>;

const NOTHING: Draft = new Map();

function valuesOf(form: HTMLFormElement): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") values.set(name, [...(values.get(name) ?? []), value]);
  }
  return values;
}

const same = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * "Load the latest version" for an edit form refused as stale: the page's data is fetched again
 * and the form is remounted from it, except the fields the user had changed, which keep what
 * they typed. Returns the form's state and the ref callback for it: put `key={generation}` and
 * `ref={bindForm}` on the <form>, and read initial values through `text`/`checked` so the typed
 * ones win.
 */
export function useLatestVersion(version: number | undefined) {
  const router = useRouter();
  const [reloading, startReload] = useTransition();
  const form = useRef<HTMLFormElement | null>(null);
  const loaded = useRef<Map<string, string[]>>(new Map());
  const [state, setState] = useState({
    version,
    generation: 0,
    draft: NOTHING,
    requested: null as Draft | null,
    handled: null as unknown,
  });

  // The page's data came back with a new version: a requested reload remounts the form now.
  if (state.version !== version) {
    setState({
      ...state,
      version,
      generation: state.requested ? state.generation + 1 : state.generation,
      draft: state.requested ?? state.draft,
      requested: null,
    });
  }

  const bindForm = useCallback((element: HTMLFormElement | null) => {
    form.current = element;
    if (element) loaded.current = valuesOf(element);
  }, []);

  // What the form holds when a version arrives (after a save, or a reload) is "as loaded".
  useEffect(() => {
    if (form.current) loaded.current = valuesOf(form.current);
  }, [version, state.generation]);

  /** Keeps the changed fields (since loading, and those kept by an earlier reload) and refetches. */
  function reload(conflict: unknown) {
    if (!form.current) return;
    const current = valuesOf(form.current);
    const names = new Set(
      [...current.keys(), ...loaded.current.keys()].filter(
        (name) => !same(current.get(name), loaded.current.get(name)),
      ),
    );
    for (const name of state.draft.keys()) names.add(name);
    names.delete("version");
    setState({
      ...state,
      handled: conflict,
      requested: new Map([...names].map((name) => [name, current.get(name) ?? []])),
    });
    startReload(() => router.refresh());
  }

  const { draft } = state;
  const latest = {
    generation: state.generation,
    reloading,
    /** The conflict the user asked to resolve by reloading (to tell it from a new one). */
    handled: state.handled,
    reload,
    text: (name: string, fallback: string): string => draft.get(name)?.[0] ?? fallback,
    checked: (name: string, value: string, fallback: boolean): boolean =>
      draft.has(name) ? (draft.get(name) ?? []).includes(value) : fallback,
  };
  return [latest, bindForm] as const;
}

export type LatestVersion = ReturnType<typeof useLatestVersion>[0];
