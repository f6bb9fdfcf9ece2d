### English: the command line: what clap would otherwise print in its own words
### (ipc-support cli), and the help of the options every program shares.

## --help
cli-usage = Usage:
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-command-placeholder = COMMAND
cli-help = Print help
cli-help-summary = Print help (see more with '--help')
cli-help-full = Print help (see a summary with '-h')
cli-version = Print version
cli-default = [default: { $value }]
cli-possible-values = [possible values: { $values }]

## Usage errors: one line, followed by "(see PROGRAM --help)".
cli-error-value-missing = a value is required for '{ $arg }' but none was supplied
cli-error-value-invalid = invalid value '{ $value }' for '{ $arg }' (possible values: { $valid })
cli-error-value-refused = invalid value '{ $value }' for '{ $arg }': { $reason }
cli-error-unknown-argument = unexpected argument '{ $arg }' found
cli-error-unknown-subcommand = unrecognized subcommand '{ $name }'
cli-error-missing-arguments = the following required arguments were not provided: { $args }
cli-error-missing-subcommand = a subcommand is required but none was given (one of: { $valid })
cli-error-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-error-no-equals = '{ $arg }' needs its value after an equal sign (e.g. { $arg }=VALUE)
cli-error-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-error-number-of-values = '{ $arg }' takes { $expected } values, but { $given } were given
cli-error-utf8 = invalid UTF-8 was found in the arguments
cli-error-other = the command line is not valid
cli-error-did-you-mean = did you mean '{ $suggestion }'?
cli-reason-not-an-integer = not a whole number
cli-reason-out-of-range = out of the range this option takes
cli-reason-not-a-number = not a number
cli-reason-not-in-range = { $value } is not in { $range }
