/* cli.h — the command-line tool's subcommands. */
#ifndef WS_CLI_H
#define WS_CLI_H

#include "ws.h"

/* whosaid train ...: train the NER tagger (train.c). */
int			cli_train(int argc, char **argv);

#endif
