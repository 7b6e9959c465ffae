import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
import { REQUEST_STATES } from "@/lib/domain/request-states";
import { REQUEST_STATE_LABELS } from "@/lib/domain/labels";

export type RequestFilterValues = {
  state: string;
  assignee: string;
  due: string;
  engagement: string;
};

type Props = {
  action: string;
  values: RequestFilterValues;
  engagements: { id: string; name: string }[];
  /** Empty for auditors: they do not filter by assignee. */
  members: { id: string; name: string }[];
};

/** Filters as a plain GET form: the page's address keeps them, a link shares them. */
export function RequestFilters({ action, values, engagements, members }: Props) {
  return (
    <form
      method="get"
      action={action}
      aria-label="Filter requests"
      className="mb-4 flex flex-wrap items-end gap-3"
    >
      <div className="space-y-1">
        <Label htmlFor="filter-state">State</Label>
        <Select id="filter-state" name="state" defaultValue={values.state}>
          <option value="">Any</option>
          {REQUEST_STATES.map((state) => (
            <option key={state} value={state}>
              {REQUEST_STATE_LABELS[state]}
            </option>
          ))}
        </Select>
      </div>
      {members.length ? (
        <div className="space-y-1">
          <Label htmlFor="filter-assignee">Assignee</Label>
          <Select id="filter-assignee" name="assignee" defaultValue={values.assignee}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      <div className="space-y-1">
        <Label htmlFor="filter-due">Due</Label>
        <Select id="filter-due" name="due" defaultValue={values.due}>
          <option value="">Any time</option>
          <option value="overdue">Overdue</option>
          <option value="this-week">Due this week</option>
        </Select>
      </div>
      <div className="space-y-1">
        <Label htmlFor="filter-engagement">Engagement</Label>
        <Select id="filter-engagement" name="engagement" defaultValue={values.engagement}>
          <option value="">All engagements</option>
          {engagements.map((engagement) => (
            <option key={engagement.id} value={engagement.id}>
              {engagement.name}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
