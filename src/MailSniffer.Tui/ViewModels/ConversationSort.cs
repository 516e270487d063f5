namespace MailSniffer.Tui.ViewModels;

/// <summary>Orders of the conversation list, cycled with a key.</summary>
public enum ConversationSort { Id, Start, Bytes, Protocol, Exposure }
