import Foundation

/// `confide backup` and `confide restore`.
enum BackupCommands {
    static var commands: [Command] { [] }
}
