// The record form of the workspace pages, wired to the server action of its record type and mode
// (create or update), so a page names the type once and cannot hand a form another type's action.
import type { ComponentProps } from "react";
import { RecordForm } from "@/app/_components/record-form";
import { RECORD_ACTIONS } from "./actions-by-model";

export function WorkspaceRecordForm(props: Omit<ComponentProps<typeof RecordForm>, "action">) {
  return <RecordForm {...props} action={RECORD_ACTIONS[props.model][props.mode]} />;
}
