/** Overlays: operations and events are added here by the overlays capability. */
export const overlaysOperations = {};
export const overlaysEvents = {};
