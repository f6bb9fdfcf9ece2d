### Tiếng Việt: the command line: what clap would otherwise print in its own words
### (ipc-support cli), and the help of the options every program shares.

## --help
cli-usage = Cách dùng:
cli-heading-options = Tùy chọn
cli-heading-arguments = Tham số
cli-heading-commands = Lệnh
cli-command-placeholder = LỆNH
cli-help = In phần trợ giúp
cli-help-summary = In phần trợ giúp (xem đầy đủ với '--help')
cli-help-full = In phần trợ giúp (xem bản tóm tắt với '-h')
cli-version = In phiên bản
cli-default = [mặc định: { $value }]
cli-possible-values = [giá trị có thể: { $values }]

## Usage errors: one line, followed by "(xem PROGRAM --help)".
cli-error-value-missing = '{ $arg }' cần một giá trị nhưng không có giá trị nào được đưa vào
cli-error-value-invalid = giá trị '{ $value }' không hợp lệ cho '{ $arg }' (các giá trị có thể: { $valid })
cli-error-value-refused = giá trị '{ $value }' không hợp lệ cho '{ $arg }': { $reason }
cli-error-unknown-argument = không nhận ra tham số '{ $arg }'
cli-error-unknown-subcommand = không có lệnh con '{ $name }'
cli-error-missing-arguments = thiếu các tham số bắt buộc: { $args }
cli-error-missing-subcommand = cần một lệnh con nhưng không có lệnh nào được đưa vào (một trong: { $valid })
cli-error-conflict = không dùng được tham số '{ $arg }' cùng với '{ $other }'
cli-error-no-equals = giá trị của '{ $arg }' phải đi sau dấu bằng (ví dụ { $arg }=GIÁ_TRỊ)
cli-error-too-many-values = giá trị thừa '{ $value }' cho '{ $arg }'; không cần thêm giá trị nào nữa
cli-error-number-of-values = '{ $arg }' nhận { $expected } giá trị, nhưng có { $given } giá trị được đưa vào
cli-error-utf8 = các tham số có chứa chuỗi UTF-8 không hợp lệ
cli-error-other = dòng lệnh không hợp lệ
cli-error-did-you-mean = có phải ý bạn là '{ $suggestion }'?
cli-reason-not-an-integer = không phải số nguyên
cli-reason-out-of-range = nằm ngoài khoảng giá trị của tùy chọn này
cli-reason-not-a-number = không phải là số
cli-reason-not-in-range = { $value } nằm ngoài khoảng { $range }
