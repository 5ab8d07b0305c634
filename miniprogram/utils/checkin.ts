/** The 签到码 in groups of four, easier to read out to a worker: "6F58 G6G7". Every page shows it so. */
export const spacedCode = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ');
