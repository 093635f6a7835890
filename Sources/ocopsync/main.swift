import OCOPSyncCLI

await OCOPSync.runMain()
