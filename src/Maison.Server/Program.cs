using Maison.Server.Hosting;

return await MaisonCli.RunAsync(args);
