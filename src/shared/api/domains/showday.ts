import { z } from 'zod';
import { event, operation } from '../define';
import { OverlayIdSchema } from '../../overlays/overlay-state';
import { FileDownloadSchema } from './shelf-io';
import { IdSchema } from './shelf-model';
import {
  CuePlanSchema,
  CueSchema,
  CueSettingsSchema,
  DashboardSchema,
  GoResultSchema,
  LogEntrySchema,
  ObsOutcomeSchema,
  ReportSchema,
  ShowStateSchema,
  ShowWindowResultSchema,
} from './showday-schemas';

export * from './showday-schemas';

const id = IdSchema;
const none = z.strictObject({});
const empty = z.object({});

/**
 * Show day: the on-air console (cues, GO, standby/preview, on-air log), the live dashboard, the
 * post-show report, and the small control operations hardware surfaces (Stream Deck, Companion) call.
 * `next`/`previous` move the standby cue (what GO fires next), as in a theatre cue stack.
 */
export const showdayOperations = {
  'show.state': operation({
    summary: 'The console state: the show being run, on air, standby, a sold-out prompt.',
    input: none,
    output: ShowStateSchema,
    errors: [],
    access: 'read',
  }),
  'show.select': operation({
    summary:
      'Choose the show to run, the OBS connection GO drives (null: overlays only) and the other OBS it drives as well.',
    input: z.strictObject({
      showId: id,
      obsInstanceId: id.nullable().optional(),
      alsoObsInstanceIds: z.array(id).max(8).optional(),
    }),
    output: ShowStateSchema,
    errors: ['not_found'],
    access: 'control',
  }),
  'cues.list': operation({
    summary:
      "A show's cues: each rundown slot with its product, camera, overlays, countdown and talking points.",
    input: z.strictObject({ showId: id }),
    output: z.object({ cues: z.array(CueSchema) }),
    errors: ['not_found'],
    access: 'read',
  }),
  'cues.update': operation({
    summary: "Change a cue's overlays, countdown or talking points (camera and presenter live on the slot).",
    input: z.strictObject({ slotId: id, settings: CueSettingsSchema.partial() }),
    output: CueSchema,
    errors: ['not_found'],
    access: 'control',
  }),
  'show.plan': operation({
    summary: 'What GO would do now (the standby cue): camera scene, overlays, the overlay preview.',
    input: none,
    output: CuePlanSchema.nullable(),
    errors: ['conflict'],
    access: 'read',
  }),
  'show.standby': operation({
    summary: 'Make a cue the standby cue and preview it (studio-mode preview scene when OBS has it).',
    input: z.strictObject({ slotId: id }),
    output: CuePlanSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'show.next': operation({
    summary: 'Move the standby cue one down the rundown and preview it.',
    input: none,
    output: CuePlanSchema.nullable(),
    errors: ['conflict'],
    access: 'control',
  }),
  'show.previous': operation({
    summary: 'Move the standby cue one up the rundown and preview it.',
    input: none,
    output: CuePlanSchema.nullable(),
    errors: ['conflict'],
    access: 'control',
  }),
  'show.go': operation({
    summary: 'Fire the standby cue (or `slotId`): one OBS batch, one overlay change, on air moves.',
    input: z.strictObject({ slotId: id.optional() }),
    output: GoResultSchema,
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'show.clearOverlays': operation({
    summary: 'Hide every overlay at once (and end a running countdown).',
    input: none,
    output: empty,
    errors: [],
    access: 'control',
  }),
  'show.camera': operation({
    summary: 'Switch to camera N (1–9, the OBS page order) on the show’s OBS.',
    input: z.strictObject({ key: z.number().int().min(1).max(9) }),
    output: empty,
    errors: ['not_found', 'unavailable', 'timeout'],
    access: 'control',
  }),
  'show.overlay': operation({
    summary: 'Show or hide one overlay (logged on the on-air log).',
    input: z.strictObject({ overlay: OverlayIdSchema, visible: z.boolean() }),
    output: empty,
    errors: [],
    access: 'control',
  }),
  'show.countdown': operation({
    summary: 'Start (the on-air product, `seconds` or the cue’s length) or stop the flash-sale countdown.',
    input: z.strictObject({
      action: z.enum(['start', 'stop']),
      seconds: z
        .number()
        .int()
        .min(5)
        .max(3 * 3600)
        .optional(),
    }),
    output: empty,
    errors: ['conflict'],
    access: 'control',
  }),
  'show.start': operation({
    summary:
      'Start the show: its on-air window opens now (a show on air until now ends), so orders paid from now count in it. GO starts a show that never started.',
    input: none,
    output: ShowStateSchema,
    errors: ['conflict'],
    access: 'control',
  }),
  'show.setWindow': operation({
    summary:
      "Change a show's on-air window (UTC ms, [from, to), to null: still on air; from null: never on air). Order lines are re-attributed and figures recounted in one transaction.",
    input: z.strictObject({
      showId: id,
      from: z.number().int().nonnegative().nullable(),
      to: z.number().int().nonnegative().nullable(),
    }),
    output: ShowWindowResultSchema,
    errors: ['not_found', 'bad_request', 'conflict'],
    access: 'control',
  }),
  'show.reapply': operation({
    summary:
      'Put the cue on air back on OBS (camera and overlays), e.g. after OBS restarted with another program scene.',
    input: none,
    output: ObsOutcomeSchema,
    errors: ['conflict'],
    access: 'control',
  }),
  'show.setAutoReapply': operation({
    summary: 'Re-apply the cue on air by itself whenever OBS comes back with another program scene.',
    input: z.strictObject({ enabled: z.boolean() }),
    output: ShowStateSchema,
    errors: [],
    access: 'control',
  }),
  'show.end': operation({
    summary:
      'End the show: nothing on air, overlays hidden, its on-air window closes now; the report covers up to now.',
    input: none,
    output: ShowStateSchema,
    errors: ['conflict'],
    access: 'control',
  }),
  'show.ackPrice': operation({
    summary: 'The operator confirms a cue’s current price: its `price_changed` warning goes away.',
    input: z.strictObject({ slotId: id }),
    output: z.object({}),
    errors: ['not_found', 'conflict'],
    access: 'control',
  }),
  'show.log': operation({
    summary: "A show's on-air log, newest first.",
    input: z.strictObject({ showId: id, limit: z.number().int().min(1).max(5000).default(200) }),
    output: z.object({ entries: z.array(LogEntrySchema) }),
    errors: [],
    access: 'read',
  }),
  'show.dashboard': operation({
    summary: 'Live figures of a show: tiles, GMV per minute, products, counties, platforms, sync lag.',
    input: z.strictObject({ showId: id }),
    output: DashboardSchema,
    errors: ['not_found'],
    access: 'read',
  }),
  'report.get': operation({
    summary:
      'Post-show report: totals, products, counties, cities, platforms, presenters, sales per airtime minute.',
    input: z.strictObject({ showId: id }),
    output: ReportSchema,
    errors: ['not_found'],
    access: 'read',
  }),
  'report.export': operation({
    summary: 'The report as an XLSX workbook or a PDF (headings in the chosen language).',
    input: z.strictObject({
      showId: id,
      format: z.enum(['xlsx', 'pdf']),
      language: z.enum(['zh-CN', 'en', 'ug']).default('zh-CN'),
    }),
    output: FileDownloadSchema,
    errors: ['not_found'],
    access: 'read',
  }),
};

export const showdayEvents = {
  'show.stateChanged': event({
    summary: 'The console state changed (show, on air, standby, sold-out prompt).',
    payload: ShowStateSchema,
  }),
  'show.logged': event({
    summary: 'A line was added to the on-air log.',
    payload: LogEntrySchema,
  }),
  'cues.changed': event({
    summary: "A show's cues changed (cue settings, or its rundown).",
    payload: z.object({ showId: id }),
  }),
};
