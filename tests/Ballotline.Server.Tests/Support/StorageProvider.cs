namespace Ballotline.Server.Tests;

/// <summary>The databases the storage tests run on.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
