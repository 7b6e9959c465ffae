"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select, Textarea } from "@/components/ui/input";

export type SubserviceDraft = {
  name: string;
  services: string;
  method: "carve_out" | "inclusive";
  csocs: string[];
};

/** Edits the subservice organisations list; the form receives it as JSON in `subservices`. */
export function SubserviceEditor({ initial }: { initial: SubserviceDraft[] }) {
  const [rows, setRows] = useState<SubserviceDraft[]>(initial);
  const update = (index: number, changes: Partial<SubserviceDraft>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...changes } : row)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Subservice organisations</legend>
      <input
        type="hidden"
        name="subservices"
        value={JSON.stringify(rows.filter((row) => row.name.trim()))}
      />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">
          None. Add the providers whose controls your service relies on (hosting, payroll engine…).
        </p>
      ) : null}
      {rows.map((row, index) => (
        <div
          key={index}
          className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2"
        >
          <div className="space-y-1">
            <Label htmlFor={`sub-name-${index}`}>Name</Label>
            <Input
              id={`sub-name-${index}`}
              value={row.name}
              onChange={(e) => update(index, { name: e.target.value })}
            />
          </div>
          <div className="space-y-1">
            <Label htmlFor={`sub-method-${index}`}>Method</Label>
            <Select
              id={`sub-method-${index}`}
              value={row.method}
              onChange={(e) =>
                update(index, {
                  method: e.target.value === "inclusive" ? "inclusive" : "carve_out",
                })
              }
            >
              <option value="carve_out">Carve-out</option>
              <option value="inclusive">Inclusive</option>
            </Select>
          </div>
          <div className="space-y-1">
            <Label htmlFor={`sub-services-${index}`}>Services provided</Label>
            <Input
              id={`sub-services-${index}`}
              value={row.services}
              onChange={(e) => update(index, { services: e.target.value })}
            />
          </div>
          <div className="space-y-1">
            <Label htmlFor={`sub-csocs-${index}`}>
              Complementary subservice organisation controls (one per line)
            </Label>
            <Textarea
              id={`sub-csocs-${index}`}
              rows={3}
              value={row.csocs.join("\n")}
              onChange={(e) => update(index, { csocs: e.target.value.split("\n") })}
            />
          </div>
          <div className="sm:col-span-2">
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
            >
              Remove {row.name || "this organisation"}
            </Button>
          </div>
        </div>
      ))}
      <Button
        type="button"
        variant="secondary"
        size="sm"
        onClick={() =>
          setRows((current) => [
            ...current,
            { name: "", services: "", method: "carve_out", csocs: [] },
          ])
        }
      >
        Add subservice organisation
      </Button>
    </fieldset>
  );
}
