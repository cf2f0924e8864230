/** Show day: cues, on-air log, live dashboard, post-show report. Added by the show-day capability. */
export const showdayOperations = {};
export const showdayEvents = {};
