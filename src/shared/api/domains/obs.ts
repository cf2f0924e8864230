/** OBS control: operations and events are added here by the OBS capability. */
export const obsOperations = {};
export const obsEvents = {};
