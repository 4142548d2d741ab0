-- Sends every stable study's CT series to StrokeScan, the DICOMweb server "strokescan" of orthanc.json, as one
-- STOW-RS job of the DICOMweb plugin. "Stable" means no new instance arrived for StableAge seconds, so the study
-- goes once it is complete, not slice by slice. Other series (MR, dose reports) stay in the PACS.

function OnStableStudy(studyId, tags, metadata)
   local ct = {}
   for _, series in ipairs(ParseJson(RestApiGet('/studies/' .. studyId .. '/series'))) do
      if series['MainDicomTags']['Modality'] == 'CT' then
         table.insert(ct, series['ID'])
      end
   end
   if #ct == 0 then
      print('strokescan: study ' .. studyId .. ' has no CT series, not forwarded')
      return
   end
   -- asynchronous: Orthanc keeps the job (and its outcome) in /jobs; builtinOnly=false reaches the plugin's route
   local job = ParseJson(RestApiPost('/dicom-web/servers/strokescan/stow',
                                     DumpJson({ Resources = ct, Synchronous = false }, true), false))
   print('strokescan: study ' .. studyId .. ' (' .. #ct .. ' CT series) forwarded as job ' .. job['ID'])
end

function OnJobFailure(jobId)
   print('strokescan: job ' .. jobId .. ' failed: ' .. RestApiGet('/jobs/' .. jobId))
end
