// Every governed record type, by model. Adding a record type: a module beside this one, listed
// here (and its model in prisma/schema.prisma and the policies); lib/data, the API, the OpenAPI
// document, exports and the generic pages pick it up from this list.
import type { RecordModel, RecordTypeDef } from "./define";
import { serviceRequest } from "./service-request";
import { heritageSite } from "./heritage-site";
import { document } from "./document";

export const RECORD_TYPES = {
  ServiceRequest: serviceRequest,
  HeritageSite: heritageSite,
  Document: document,
} as const satisfies { [M in RecordModel]: RecordTypeDef<M> };

export const RECORD_MODELS = Object.keys(RECORD_TYPES) as RecordModel[];

export function recordType<M extends RecordModel>(model: M): RecordTypeDef<M> {
  return RECORD_TYPES[model] as unknown as RecordTypeDef<M>;
}

export function isRecordModel(name: string): name is RecordModel {
  return Object.hasOwn(RECORD_TYPES, name);
}

export type {
  RecordModel,
  RecordTypeDef,
  RecordDTO,
  RowOf,
  RecordClient,
  FieldDef,
  ColumnDef,
  FilterDef,
  InputKind,
} from "./define";
export { writeSchema, formSchema, writableFields, requiredOnCreate, createOnly } from "./define";
