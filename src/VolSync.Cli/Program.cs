// Replaced by the CLI issue (6).
return 0;
