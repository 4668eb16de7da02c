complete --keep-order --exclusive --command le --arguments "(COMPLETE=fish /work/main/target/debug/le -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
