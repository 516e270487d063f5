namespace MailSniffer.Cli;

/// <summary>A mistake in how the command was called; printed as one line, exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
